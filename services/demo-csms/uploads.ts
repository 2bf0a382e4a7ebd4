// Where the demo central system keeps diagnostics files chargers upload (GetDiagnostics): the
// last few, in memory. Behind an interface because with several worker processes the upload
// and the person reading it back may reach different workers; the primary then keeps them.

export interface StoredUpload {
  bytes: number;
  at: Date;
  text: string;
}

export interface UploadStore {
  put(name: string, text: string): Promise<void>;
  get(name: string): Promise<StoredUpload | undefined>;
  list(): Promise<Array<{ name: string; bytes: number; at: Date }>>;
}

/** The last `max` uploads, oldest dropped first; the same name replaces the earlier file. */
export function memoryUploads(max = 20): UploadStore {
  const uploads = new Map<string, StoredUpload>();
  return {
    async put(name, text) {
      uploads.delete(name);
      uploads.set(name, { bytes: Buffer.byteLength(text), at: new Date(), text });
      while (uploads.size > max) uploads.delete(uploads.keys().next().value!);
    },
    async get(name) {
      return uploads.get(name);
    },
    async list() {
      return [...uploads].map(([name, u]) => ({ name, bytes: u.bytes, at: u.at }));
    },
  };
}
