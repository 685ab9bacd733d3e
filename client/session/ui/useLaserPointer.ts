import { useEffect, useRef, type RefObject } from 'react';

/**
 * Where the lead's laser points, in CSS px over the tour's canvas: it follows the mouse, or
 * stays where a finger last touched; null when off or the mouse left.
 */
export function useLaserPointer(root: RefObject<HTMLElement | null>, on: boolean): RefObject<{ x: number; y: number } | null> {
  const pointerPx = useRef<{ x: number; y: number } | null>(null);
  useEffect(() => {
    pointerPx.current = null;
    if (!on) return;
    const canvas = root.current?.closest('.tour')?.querySelector<HTMLElement>('.tour-canvas');
    if (!canvas) return;
    const at = (e: PointerEvent) => {
      const r = canvas.getBoundingClientRect();
      pointerPx.current = { x: e.clientX - r.left, y: e.clientY - r.top };
    };
    const move = (e: PointerEvent) => (e.pointerType === 'mouse' || e.buttons ? at(e) : undefined);
    const leave = (e: PointerEvent) => {
      if (e.pointerType === 'mouse') pointerPx.current = null;
    };
    canvas.addEventListener('pointerdown', at);
    canvas.addEventListener('pointermove', move);
    canvas.addEventListener('pointerleave', leave);
    return () => {
      canvas.removeEventListener('pointerdown', at);
      canvas.removeEventListener('pointermove', move);
      canvas.removeEventListener('pointerleave', leave);
    };
  }, [on, root]);
  return pointerPx;
}
