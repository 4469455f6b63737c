/**
 * The shell header's backup status: a red badge while the last backup failed (its message on
 * hover, a click opens "Sao lưu dữ liệu"), so a failure is seen on every screen, never silent.
 * Polled every minute (the automatic backups run in the background) and after the page's actions.
 */
import { useEffect } from 'react';
import { Anchor, Badge } from '@mantine/core';
import { useQuery } from '../../api/client';
import { BACKUPS, dateTimeVi } from './texts';
import { BACKUPS_CHANGED } from './events';

const POLL_MS = 60_000;

export function BackupBadge() {
  const status = useQuery('backups.status', {});
  const { reload } = status;
  useEffect(() => {
    const timer = window.setInterval(reload, POLL_MS);
    window.addEventListener(BACKUPS_CHANGED, reload);
    window.addEventListener('hashchange', reload);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener(BACKUPS_CHANGED, reload);
      window.removeEventListener('hashchange', reload);
    };
  }, [reload]);
  const failure = status.data?.lastFailure;
  if (!failure) return null;
  return (
    <Anchor href="#/sao-luu" underline="never">
      <Badge color="red" variant="filled" title={`${dateTimeVi(failure.at)}: ${failure.message}`} data-testid="backup-badge">
        {BACKUPS.badgeFailed}
      </Badge>
    </Anchor>
  );
}
