/**
 * After a reload, the wizard re-attaches to what main holds: the open file (its workspace keeps
 * the rows, edits and skips) and the job. A file main no longer has (the app was restarted) is
 * dropped, with a sentence saying so; a job is refreshed from main's list.
 */
import { useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import { useBridge } from './bridge-context';
import type { WizardState } from './wizard-state';

/**
 * Checks, once, the state the page started with against main; answers a sentence for the page
 * when something kept could not be re-attached, else null.
 */
export function useReattach(
  state: WizardState,
  setState: Dispatch<SetStateAction<WizardState>>,
): string | null {
  const bridge = useBridge();
  const [message, setMessage] = useState<string | null>(null);
  const started = useRef<WizardState | null>(null);
  useEffect(() => {
    if (started.current) return;
    started.current = state;
    const { file, job } = state;
    if (file) {
      void bridge.file.status({ fileId: file.fileId }).then((reply) => {
        if (!reply.ok) return;
        const status = reply.value;
        if (status.open) {
          setState((s) =>
            s.file?.fileId === file.fileId
              ? {
                  ...s,
                  file: {
                    ...s.file,
                    info: status.info,
                    ...(status.rows !== undefined && { rows: status.rows }),
                  },
                }
              : s,
          );
          return;
        }
        setState((s) => (s.file?.fileId === file.fileId ? { ...s, file: null, mapping: null } : s));
        setMessage(
          `${file.info.name} is no longer open in the importer (it was restarted): choose it again on the File step.`,
        );
      });
    }
    if (job) {
      void bridge.jobs.list().then((reply) => {
        const found = reply.ok ? reply.value.jobs.find((j) => j.id === job.id) : undefined;
        if (found) setState((s) => (s.job?.id === job.id ? { ...s, job: found } : s));
      });
    }
  }, [bridge, state, setState]);
  return message;
}
