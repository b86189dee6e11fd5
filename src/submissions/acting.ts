import type { Principal } from '../catalog';

/** Who acts, from where, and when: what every audited step on a submission needs. */
export interface Acting {
  principal: Principal;
  origin: { ip: string | null; userAgent: string | null; requestId: string | null };
  now: Date;
}
