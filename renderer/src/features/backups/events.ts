/** The page and the shell's badge stay in step through one window event; a message survives the reload after a restore. */
export const BACKUPS_CHANGED = 'antq:backups-changed';
export const NOTICE_KEY = 'antq.backups.notice';
