/** `quicktakes/indexSnapshot`: the index as canonical text, for tests and troubleshooting. */
import { snapshotLines } from '../core/corpus/snapshot';
import { INDEX_SNAPSHOT_REQUEST, type IndexSnapshot } from '../protocol';
import type { Feature } from './context';

export const inspectFeature: Feature = {
  register(ctx) {
    ctx.connection.onRequest(INDEX_SNAPSHOT_REQUEST, async (): Promise<IndexSnapshot> => {
      await ctx.settled();
      const lines = snapshotLines(ctx.project.allCorpora());
      return { articles: lines.length, lines };
    });
  },
};
