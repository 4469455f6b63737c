/** The presentation deck (issue 13 item 5): types, builder, figures over the years, preferences. */
export * from './types';
export * from './figures';
export * from './deck';
export * from './preferences';
export * from './registration';
