/**
 * The renderer's entry: the import wizard over the bridge (the preload's IPC in Electron, HTTP +
 * SSE in a browser; see bridge/).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BridgeProvider } from './app/bridge-context';
import { Wizard } from './app/wizard';
import { bridge } from './bridge/bridge';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <BridgeProvider value={bridge}>
        <Wizard />
      </BridgeProvider>
    </StrictMode>,
  );
}
