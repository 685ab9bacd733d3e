import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import './styles.css';
import { decodableFormats } from './viewer/decodableFormats.ts';
import { prefetchTour } from './app/prefetchTour.ts';
import { prefetchExhibit } from './model/prefetchExhibit.ts';
import { appStylesReady } from './boot/appStylesReady.ts';

// Load milestones as User Timing marks (vantage:*): a profile or a benchmark reads where the time went.
performance.mark('vantage:main');
// Known long before a tour needs it: which tile format to ask for (AVIF or the JPEG fallback).
void decodableFormats();
// On a tour link the place, preview and first tiles download while the 3D bundle does.
prefetchTour(location.pathname, location.search);
// On an exhibit link the place and the model, while the page's code does.
prefetchExhibit(location.pathname);

const start = () => createRoot(document.getElementById('root')!).render(<App />);
// On a tour link with a first paint, the app starts once the paint is on screen: rendering
// the tour (three.js, the WebGL context, shaders) holds the main thread for a while, and
// images arriving meanwhile would not be drawn until it is done.
// Its stylesheets too: on a tour link they arrive beside the paint, not before it.
// On a tour link the first paint adds this module itself, which may run before the parser
// has reached <div id="root">.
const parsed = document.readyState === 'loading' ? new Promise((r) => document.addEventListener('DOMContentLoaded', r, { once: true })) : undefined;
void Promise.all([parsed, window.__vantageFirstPaint?.ready, appStylesReady()]).then(start);
