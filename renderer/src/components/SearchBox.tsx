// A search field that asks once typing pauses: a keystroke costs nothing, the pause costs
// one call. Enter searches at once, Esc clears, ArrowDown hands focus to the results.
import { useEffect, useRef, useState } from 'react';

export const SEARCH_PAUSE_MS = 300;

interface SearchBoxProps {
  /** The search in force (what the last call asked for). */
  value: string;
  onSearch(text: string): void;
  label: string;
  placeholder: string;
  id?: string;
  /** Where ArrowDown and Enter move focus: the results. */
  onLeave?(): void;
}

export function SearchBox({ value, onSearch, label, placeholder, id, onLeave }: SearchBoxProps) {
  const [text, setText] = useState(value);
  const asked = useRef(value);
  const latest = useRef(onSearch);
  useEffect(() => {
    latest.current = onSearch;
  });
  const ask = (t: string) => {
    asked.current = t;
    latest.current(t);
  };

  useEffect(() => {
    if (text === asked.current) return;
    const timer = setTimeout(() => {
      // Enter may have asked for this text already.
      if (text === asked.current) return;
      asked.current = text;
      latest.current(text);
    }, SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  return (
    <div className="search">
      <input
        id={id}
        type="search"
        placeholder={placeholder}
        aria-label={label}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            if (text !== asked.current) ask(text);
            onLeave?.();
          } else if (e.key === 'ArrowDown' && onLeave) {
            e.preventDefault();
            onLeave();
          } else if (e.key === 'Escape' && text) {
            e.stopPropagation();
            setText('');
            ask('');
          }
        }}
      />
    </div>
  );
}
