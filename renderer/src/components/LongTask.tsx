/**
 * Long work on screen (issue 16 item 3), for every feature: a long call takes a `jobId` the screen
 * makes up; while it runs the screen polls `jobs.progress` (every 250 ms) and shows the label the
 * backend reports ("Đang đánh giá 1.200/10.499 đối tượng") with a bar and a "Hủy" button that
 * calls `jobs.cancel`. A cancelled call fails with CANCELLED and writes nothing.
 *
 *   const task = useLongTask();
 *   const r = await task.start((jobId) => call('evaluation.freeze', { year, by, note, jobId }));
 *   …
 *   <LongTaskProgress task={task} />
 *
 * or, for a load: `const q = useLongQuery('evaluation.board', input)` — a fresh job per load, the
 * previous one cancelled when the input changes — and `<LongTaskProgress task={q.task} />`.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Group, Paper, Progress, Text } from '@mantine/core';
import { ApiError, call, useLoader, type Query } from '../api/client';
import type { Method, MethodInput, MethodOutput } from '../../../shared/ipc/contract';
import type { JobProgressDto } from '../../../shared/ipc/contracts/jobs.contract';
import { LONG_TASK } from './texts';

/** How often a running job is asked how far it got. */
export const POLL_MS = 250;

/** A fresh job id (a version-4 uuid, which the contract checks). */
export function newJobId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** True when a call failed because the person cancelled it. */
export function isCancelled(err: unknown): boolean {
  return err instanceof ApiError && err.code === 'CANCELLED';
}

export interface LongTask {
  /** The running job's id (null: nothing running). */
  jobId: string | null;
  /** The last progress the backend reported (null before the first answer). */
  progress: JobProgressDto | null;
  cancelling: boolean;
  /** Runs `work` with a fresh job id, watched until it settles. */
  start: <T>(work: (jobId: string) => Promise<T>) => Promise<T>;
  /** Asks the running job to stop before it writes. */
  cancel: () => void;
}

/** Polls `jobs.progress` for `jobId` every POLL_MS while it is set. */
function useJobProgress(jobId: string | null): JobProgressDto | null {
  const [progress, setProgress] = useState<JobProgressDto | null>(null);
  useEffect(() => {
    setProgress(null);
    if (jobId === null) return;
    let live = true;
    let busy = false;
    const poll = () => {
      if (busy) return;
      busy = true;
      call('jobs.progress', { jobId }).then(
        (p) => {
          busy = false;
          if (live && p) setProgress(p);
        },
        () => {
          busy = false;
        },
      );
    };
    const timer = setInterval(poll, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [jobId]);
  return progress;
}

export function useLongTask(): LongTask {
  const [jobId, setJobId] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const progress = useJobProgress(jobId);
  const current = useRef<string | null>(null);

  const start = useCallback(async <T,>(work: (jobId: string) => Promise<T>): Promise<T> => {
    const id = newJobId();
    current.current = id;
    setJobId(id);
    setCancelling(false);
    try {
      return await work(id);
    } finally {
      if (current.current === id) {
        current.current = null;
        setJobId(null);
        setCancelling(false);
      }
    }
  }, []);

  const cancel = useCallback(() => {
    const id = current.current;
    if (id === null) return;
    setCancelling(true);
    void call('jobs.cancel', { jobId: id }).catch(() => undefined);
  }, []);

  return { jobId, progress, cancelling, start, cancel };
}

/**
 * Like useQuery, for a method whose input takes a `jobId`: each load runs as a watched job, and a
 * load made obsolete (the input changed, the screen closed) is cancelled instead of left running.
 */
export function useLongQuery<M extends Method>(
  method: M,
  input: Omit<MethodInput<M>, 'jobId'>,
  key: string = JSON.stringify(input),
): Query<MethodOutput<M>> & { task: LongTask } {
  const task = useLongTask();
  const inputRef = useRef(input);
  inputRef.current = input;
  const query = useLoader(
    () => task.start((jobId) => call(method, { ...inputRef.current, jobId } as MethodInput<M>)),
    `${method}\u0000${key}`,
    task.cancel,
  );
  return { ...query, task };
}

/** The progress of a running task: its label, a bar and "Hủy"; nothing when no task runs. */
export function LongTaskProgress({ task, cancellable = true }: { task: LongTask; cancellable?: boolean }) {
  if (task.jobId === null) return null;
  const p = task.progress;
  const known = p !== null && p.total !== null && p.total > 0;
  const value = known ? Math.min(100, (p.done / p.total!) * 100) : 100;
  return (
    <Paper withBorder p="xs" role="status" aria-live="polite" data-testid="long-task">
      <Group gap="sm" wrap="nowrap">
        <div style={{ flex: 1, minWidth: 0 }}>
          <Text size="sm" mb={4} data-testid="long-task-label">
            {p?.label ?? LONG_TASK.working}
          </Text>
          <Progress value={value} striped={!known} animated={!known} aria-label={LONG_TASK.progressLabel} />
        </div>
        {cancellable && (
          <Button size="xs" variant="default" color="red" onClick={task.cancel} disabled={task.cancelling}>
            {task.cancelling ? LONG_TASK.cancelling : LONG_TASK.cancel}
          </Button>
        )}
      </Group>
    </Paper>
  );
}
