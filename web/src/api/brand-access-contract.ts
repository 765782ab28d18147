import { z } from 'zod';

//   PUT    /api/users/:id/brands        BrandLimitBody → { user: TeamUserDto }             (admin)
// A user limited to some brands (and an API token limited to some) sees and changes only
// those brands' mentions, streams, alerts, reports and settings; anything of another brand
// answers 404 as if it did not exist. An empty list lifts the limit (every brand).

export const BrandLimitBodySchema = z
  .object({ brandIds: z.array(z.uuid('Each brand must be a brand id.')).max(500, 'At most 500 brands.') })
  .strict();
export type BrandLimitBody = z.infer<typeof BrandLimitBodySchema>;
