import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import './styles.css';
import { decodableFormats } from './viewer/decodableFormats.ts';
import { prefetchTour } from './app/prefetchTour.ts';

// Known long before a tour needs it: which tile format to ask for (AVIF or the JPEG fallback).
void decodableFormats();
// On a tour link the place, preview and first tiles download while the 3D bundle does.
prefetchTour(location.pathname, location.search);

createRoot(document.getElementById('root')!).render(<App />);
