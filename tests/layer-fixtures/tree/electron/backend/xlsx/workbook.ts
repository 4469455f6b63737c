// Stand-in for the xlsx file layer.
export const sheetName = (s: string): string => s;
