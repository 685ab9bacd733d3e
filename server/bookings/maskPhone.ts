/** `+86 138****8000`, `+4420****0958`: recognisable to its owner, useless to a passer-by. */
export function maskPhone(e164: string): string {
  const cn = /^\+86(1\d{2})\d{4}(\d{4})$/.exec(e164);
  if (cn) return `+86 ${cn[1]}****${cn[2]}`;
  return e164.length > 8 ? `${e164.slice(0, 5)}****${e164.slice(-4)}` : '****';
}
