import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import './styles.css';
import { decodableFormats } from './viewer/decodableFormats.ts';

// Known long before a tour needs it: which tile format to ask for (AVIF or the JPEG fallback).
void decodableFormats();

createRoot(document.getElementById('root')!).render(<App />);
