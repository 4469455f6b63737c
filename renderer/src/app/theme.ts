import { createTheme } from '@mantine/core';

/** Be Vietnam Pro is shipped with the app (OFL): diacritics render the same on every office PC. */
export const theme = createTheme({
  fontFamily: '"Be Vietnam Pro", "Segoe UI", "Noto Sans", Arial, sans-serif',
  headings: { fontFamily: '"Be Vietnam Pro", "Segoe UI", "Noto Sans", Arial, sans-serif', fontWeight: '600' },
  primaryColor: 'red',
  defaultRadius: 'sm',
});
