// Print (Ctrl+P works the same) and Save as PDF of the whole PI. The desktop window writes
// the PDF itself (pi.savePdf: a save dialog, then Electron's printToPDF of this page's print
// layout); a browser has no such call, so its own print dialog saves the PDF.
import { useState } from 'react';
import { invoke } from '../../api';
import { toast } from '../../store/toasts';

export function PrintActions({ piId }: { piId: number }) {
  const [saving, setSaving] = useState(false);
  const desktop = Boolean(window.jitConsole);

  async function savePdf() {
    if (!desktop) {
      toast('info', 'Save as PDF', 'In the print dialog, choose “Save as PDF” as the printer.');
      window.print();
      return;
    }
    setSaving(true);
    const res = await invoke('pi.savePdf', { id: piId });
    setSaving(false);
    if (!res.ok) toast('error', 'Could not save the PDF', res.error.message);
    else if (res.data.saved) toast('ok', 'PDF saved', res.data.path ?? undefined);
  }

  return (
    <>
      <button type="button" className="btn btn-ghost" onClick={() => window.print()}>
        Print
      </button>
      <button
        type="button"
        className="btn btn-ghost"
        disabled={saving}
        onClick={() => void savePdf()}
      >
        {saving ? 'Saving…' : 'Save as PDF'}
      </button>
    </>
  );
}
