/** `quicktakes/stats`: the server's memory and index size, for the bench and troubleshooting. */
import { STATS_REQUEST, type ServerStats } from '../protocol';
import type { Feature } from './context';

export const statsFeature: Feature = {
  register(ctx) {
    ctx.connection.onRequest(STATS_REQUEST, (): ServerStats => {
      const m = process.memoryUsage();
      return {
        rss: m.rss,
        heapUsed: m.heapUsed,
        heapTotal: m.heapTotal,
        external: m.external,
        articles: ctx.project.articleCount,
        indexed: ctx.isIndexed(),
      };
    });
  },
};
