/**
 * The grid's style sheet. Cells are plain inputs (hundreds of Mantine inputs would be slow to
 * re-render), styled here; the sheet is rendered inside the modal (the CSP allows inline styles).
 */
export const GRID_CSS = `
.eg-scroll { flex: 1; min-height: 0; overflow: auto; border: 1px solid var(--mantine-color-gray-4); border-radius: 4px; scroll-padding: 42px 0 0 44px; }
.eg-table { width: 100%; border-collapse: separate; border-spacing: 0; table-layout: fixed; font-size: 14px; }
.eg-table th { position: sticky; top: 0; z-index: 2; background: var(--mantine-color-gray-1); font-weight: 600; font-size: 13px; line-height: 1.15; text-align: left; vertical-align: middle; height: 42px; padding: 0 6px; border-bottom: 1px solid var(--mantine-color-gray-4); border-right: 1px solid var(--mantine-color-gray-3); overflow: hidden; }
.eg-table tbody tr { height: 33px; }
.eg-table tbody tr.eg-gap td { border: 0; padding: 0; background: transparent; }
.eg-table td { padding: 0; border-bottom: 1px solid var(--mantine-color-gray-3); border-right: 1px solid var(--mantine-color-gray-3); background: var(--mantine-color-white); }
.eg-table .eg-num { position: sticky; left: 0; z-index: 1; background: var(--mantine-color-gray-0); color: var(--mantine-color-gray-7); text-align: right; padding: 0 8px; font-variant-numeric: tabular-nums; }
.eg-table th.eg-num { z-index: 3; background: var(--mantine-color-gray-1); }
.eg-table th .eg-th { display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; overflow: hidden; }
.eg-table th .eg-carry { color: var(--mantine-color-blue-7); margin-left: 3px; }
.eg-table th .eg-req { color: var(--mantine-color-red-7); margin-left: 2px; }
.eg-table th.eg-right { text-align: right; }
.eg-cell { display: block; width: 100%; height: 32px; border: 0; margin: 0; outline: none; padding: 0 6px; font: inherit; color: inherit; background: transparent; box-sizing: border-box; text-overflow: ellipsis; }
.eg-cell[data-align='right'] { text-align: right; font-variant-numeric: tabular-nums; }
.eg-cell:focus { box-shadow: inset 0 0 0 2px var(--mantine-color-blue-6); background: var(--mantine-color-white); }
.eg-cell[aria-invalid='true'] { background: var(--mantine-color-red-0); box-shadow: inset 0 0 0 1px var(--mantine-color-red-6); color: var(--mantine-color-red-9); }
.eg-cell[aria-invalid='true']:focus { box-shadow: inset 0 0 0 2px var(--mantine-color-red-7); }
.eg-table tr[data-blank='true'] .eg-cell:not(:focus) { color: var(--mantine-color-gray-5); }
.eg-table tr[data-active='true'] .eg-num { background: var(--mantine-color-blue-0); color: var(--mantine-color-blue-8); }
.eg-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.eg-actions { text-align: center; white-space: nowrap; }
.eg-suggest { position: fixed; z-index: 1000; background: var(--mantine-color-white); border: 1px solid var(--mantine-color-gray-4); border-radius: 4px; box-shadow: 0 4px 12px rgba(0, 0, 0, 0.15); max-height: 280px; overflow-y: auto; padding: 4px; margin: 0; list-style: none; font-size: 14px; }
.eg-option { padding: 5px 8px; border-radius: 3px; cursor: pointer; white-space: nowrap; }
.eg-option[aria-selected='true'] { background: var(--mantine-color-blue-1); }
.eg-option-empty { padding: 5px 8px; color: var(--mantine-color-gray-6); font-style: italic; }
.eg-errors { max-height: 96px; overflow-y: auto; margin: 0; padding: 0 0 0 18px; font-size: 13px; color: var(--mantine-color-red-8); }
.eg-errors button { all: unset; cursor: pointer; }
.eg-errors button:hover, .eg-errors button:focus-visible { text-decoration: underline; }
`;
