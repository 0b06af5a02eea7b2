// IFSCs checked by main against the RBI branch list it ships: the page cannot load Node
// packages, and the list never leaves the machine. Each code is asked once.
import { useEffect, useState } from 'react';
import { invoke } from '../../api';
import { IFSC_SHAPE, type IfscChecks } from './rules';

export function useIfscChecks(codes: string[]): IfscChecks {
  const [checks, setChecks] = useState<IfscChecks>({});
  const wanted = [...new Set(codes.filter((c) => IFSC_SHAPE.test(c) && !checks[c]))].sort();
  const key = wanted.join(',');

  useEffect(() => {
    if (!key) return;
    const asked = key.split(',');
    let live = true;
    void invoke('ifsc.check', { codes: asked }).then((res) => {
      if (!live) return;
      setChecks((known) => {
        const next = { ...known };
        if (res.ok) for (const c of res.data) next[c.code] = c;
        else
          for (const code of asked)
            next[code] = {
              code,
              valid: false,
              bankName: null,
              message: `could not be checked (${res.error.message}).`,
            };
        return next;
      });
    });
    return () => {
      live = false;
    };
  }, [key]);

  return checks;
}
