// Stand-in for the backend schema.
export interface Stub {
  id: string;
}
