/** Row types of the slide preferences (see migrations/0017_slides.ts). */

export interface SlidePreferencesTable {
  slide_key: string;
  position: number;
  hidden: number;
  updated_at: string;
}

export interface SlidesTables {
  slide_preferences: SlidePreferencesTable;
}
