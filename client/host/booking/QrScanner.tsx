import { useEffect, useRef, useState } from 'react';
import { ScanGate } from '../../booking/ScanGate.ts';
import { useBookingMessages } from '../../booking/useBookingMessages.ts';

type Detect = (video: HTMLVideoElement) => Promise<string | null>;

interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}
declare global {
  interface Window {
    BarcodeDetector?: { new (opts: { formats: string[] }): BarcodeDetectorLike; getSupportedFormats?: () => Promise<string[]> };
  }
}

/** BarcodeDetector where the browser has one for QR, else jsQR on canvas frames (loaded only then). */
async function makeDetector(): Promise<Detect> {
  const BD = window.BarcodeDetector;
  if (BD && (!BD.getSupportedFormats || (await BD.getSupportedFormats()).includes('qr_code'))) {
    const d = new BD({ formats: ['qr_code'] });
    return async (v) => (await d.detect(v))[0]?.rawValue ?? null;
  }
  const { default: jsQR } = await import('jsqr');
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  return async (v) => {
    // Down-scale big frames: jsQR's time grows with pixels, a ticket QR needs few.
    const scale = Math.min(1, 640 / Math.max(v.videoWidth, v.videoHeight));
    canvas.width = Math.round(v.videoWidth * scale);
    canvas.height = Math.round(v.videoHeight * scale);
    if (!canvas.width || !canvas.height) return null;
    ctx.drawImage(v, 0, 0, canvas.width, canvas.height);
    const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(img.data, img.width, img.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
  };
}

/** The camera, scanning ~6 times a second; each new code goes to onCode once (ScanGate). */
export function QrScanner({ onCode }: { onCode: (code: string) => void }) {
  const { b } = useBookingMessages();
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState(false);
  const cb = useRef(onCode);
  cb.current = onCode;
  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer = 0;
    let stopped = false;
    const gate = new ScanGate();
    (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
        if (stopped) return stream.getTracks().forEach((t) => t.stop());
        const v = video.current!;
        v.srcObject = stream;
        await v.play();
        const detect = await makeDetector();
        const tick = async () => {
          if (stopped) return;
          try {
            const code = v.readyState >= 2 ? await detect(v) : null;
            if (code && gate.accept(code)) cb.current(code);
          } catch {
            // one bad frame: try the next
          }
          timer = window.setTimeout(tick, 160);
        };
        void tick();
      } catch {
        if (!stopped) setError(true);
      }
    })();
    return () => {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, []);
  if (error)
    return (
      <p className="host-error" role="alert">
        {b.cameraDenied}
      </p>
    );
  return (
    <div className="scanner">
      <p className="hint">{b.scanning}</p>
      <video ref={video} muted playsInline aria-label={b.scanning} />
    </div>
  );
}
