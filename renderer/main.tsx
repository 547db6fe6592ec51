import { createRoot } from 'react-dom/client';
import { App } from './App';
import { installWebBridge } from './bridge/web';
import './styles.css';

// Desktop: the preload has put window.kpi there. Browser preview: bridge it over HTTP.
if (!('kpi' in window)) installWebBridge();

createRoot(document.getElementById('root')!).render(<App />);
