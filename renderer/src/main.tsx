import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getApi } from './api';
import { App } from './App';
import './styles.css';
import './pages/settings/settings.css';
import './pages/payments/payments.css';
import './pages/overview/overview.css';
import './pages/pi/pi-page.css';
import './pages/revise/revise.css';
import './pages/import/import.css';

// Read the browser host's token (if any) before anything renders or routes.
getApi();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
