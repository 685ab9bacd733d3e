/** Small line icons for the session bar (drawn here: no icon font, no emoji font needed). */
const common = { width: 18, height: 18, viewBox: '0 0 18 18', fill: 'none', stroke: 'currentColor', strokeWidth: 1.7, strokeLinecap: 'round' as const, strokeLinejoin: 'round' as const, 'aria-hidden': true };

export function HandIcon() {
  return (
    <svg {...common}>
      <path d="M6 9V3.8a1.1 1.1 0 0 1 2.2 0V8M8.2 7.5V2.6a1.1 1.1 0 0 1 2.2 0v4.9M10.4 7.5V3.6a1.1 1.1 0 0 1 2.2 0v5.6M12.6 8.5V6.3a1.1 1.1 0 0 1 2.2 0v4.2c0 3.3-2.3 5.9-5.4 5.9-2.2 0-3.5-1-4.6-2.7L3 11a1.2 1.2 0 0 1 1.9-1.4L6 11" />
    </svg>
  );
}

export function PeopleIcon() {
  return (
    <svg {...common}>
      <circle cx="6.5" cy="6" r="2.6" />
      <path d="M1.8 15.5c.4-2.7 2.3-4.4 4.7-4.4s4.3 1.7 4.7 4.4" />
      <circle cx="12.6" cy="6.6" r="2.1" />
      <path d="M12.2 11.2c2.2 0 3.7 1.5 4 3.9" />
    </svg>
  );
}

export function ChatIcon() {
  return (
    <svg {...common}>
      <path d="M3 3.5h12a1 1 0 0 1 1 1v7a1 1 0 0 1-1 1H8l-3.5 3v-3H3a1 1 0 0 1-1-1v-7a1 1 0 0 1 1-1z" />
    </svg>
  );
}

export function InviteIcon() {
  return (
    <svg {...common}>
      <rect x="2" y="2" width="5" height="5" rx="0.5" />
      <rect x="11" y="2" width="5" height="5" rx="0.5" />
      <rect x="2" y="11" width="5" height="5" rx="0.5" />
      <path d="M11 11h2v2M16 11v5h-5v-2" />
    </svg>
  );
}

export function LaserIcon() {
  return (
    <svg {...common} strokeWidth={1.5}>
      <circle cx="9" cy="9" r="3" fill="#ff2a2a" stroke="#ff2a2a" />
      <path d="M9 1.5v2.5M9 14v2.5M1.5 9H4M14 9h2.5" />
    </svg>
  );
}

export function MicIcon({ off }: { off?: boolean }) {
  return (
    <svg {...common} strokeWidth={1.6}>
      <rect x="6.5" y="1.5" width="5" height="9" rx="2.5" />
      <path d="M3.5 8.5a5.5 5.5 0 0 0 11 0M9 14v2.5" />
      {off && <path d="M2.5 2.5l13 13" />}
    </svg>
  );
}

export function CalendarIcon() {
  return (
    <svg {...common}>
      <rect x="2.5" y="3.5" width="13" height="12" rx="1.6" />
      <path d="M2.5 7.5h13M6 2v3M12 2v3M6.5 11.5l1.6 1.6 3.4-3.4" />
    </svg>
  );
}
