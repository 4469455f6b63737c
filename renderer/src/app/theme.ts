import { createTheme, Drawer } from '@mantine/core';
import { SHELL } from './texts';

/**
 * The × of every side panel is named for screen readers and tests ("Đóng"). Dialogs keep Mantine's
 * unnamed ×: many have a "Đóng" button of their own, and two buttons of one name would be ambiguous.
 */
const closeButtonProps = { 'aria-label': SHELL.close };

/**
 * Be Vietnam Pro is shipped with the app (OFL): diacritics render the same on every office PC.
 * Red is the primary colour (buttons, the police identity) but focus is shown in blue (app.css):
 * a red ring or border reads as an error in a form.
 */
export const theme = createTheme({
  fontFamily: '"Be Vietnam Pro", "Segoe UI", "Noto Sans", Arial, sans-serif',
  headings: { fontFamily: '"Be Vietnam Pro", "Segoe UI", "Noto Sans", Arial, sans-serif', fontWeight: '600' },
  primaryColor: 'red',
  defaultRadius: 'sm',
  components: {
    // Escape closes side panels (Mantine's default, stated so no caller turns it off by accident).
    Drawer: Drawer.extend({ defaultProps: { closeOnEscape: true, closeButtonProps } }),
  },
});
