import { useEffect, useState } from 'react';

/**
 * A labelled number input that lets people type freely ("-", "12.") and reports a value
 * only when what they typed is a number in range; a value set from outside (a dragged
 * marker) replaces the text.
 */
export function NumberField({
  id,
  label,
  value,
  min,
  max,
  step = 'any',
  onChange,
  describedBy,
}: {
  id: string;
  label: string;
  value: number;
  min?: number;
  max?: number;
  step?: number | 'any';
  onChange: (v: number) => void;
  describedBy?: string;
}) {
  const [text, setText] = useState(String(value));
  useEffect(() => {
    setText((t) => (Number(t) === value ? t : String(value)));
  }, [value]);
  const n = Number(text);
  const bad = text.trim() === '' || !Number.isFinite(n) || (min !== undefined && n < min) || (max !== undefined && n > max);
  return (
    <div className="host-field host-number">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        value={text}
        min={min}
        max={max}
        step={step}
        aria-invalid={bad}
        aria-describedby={describedBy}
        onChange={(e) => {
          setText(e.target.value);
          const v = Number(e.target.value);
          if (e.target.value.trim() !== '' && Number.isFinite(v) && (min === undefined || v >= min) && (max === undefined || v <= max)) onChange(v);
        }}
        onBlur={() => bad && setText(String(value))}
      />
    </div>
  );
}
