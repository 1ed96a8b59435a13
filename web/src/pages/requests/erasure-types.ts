// The API's shapes of the erasure preview and history (src/rights/execution/erasure-preview.schema.ts).

export interface PreviewRecord {
  recordType: 'subject' | 'agreement' | 'invoice' | 'case' | 'message' | 'consent';
  id: string;
  title: string | null;
  date: string | null;
  messages?: number;
}

export interface KeptRecord extends PreviewRecord {
  ground: 'b' | 'e';
  legalObligation: string | null;
  until: string | null;
  reviewOn: string | null;
}

export interface ErasurePreview {
  subject: { id: string; name: string; reference: string } | null;
  erased: PreviewRecord[];
  kept: KeptRecord[];
  contactDetails: 'deleted' | 'reduced' | 'held';
}

export interface ErasureHistory {
  erasures: { requestId: string; reference: string; decision: string; decidedAt: string | null; erasedRecords: number }[];
  kept: KeptRecord[];
}
