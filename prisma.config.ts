import { defineConfig } from 'prisma/config';

// The Prisma CLI's view of the project. The schema's datasource holds only the provider: the URL
// comes from the environment here (for CLI commands) and from the pg adapter at run time.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://root@127.0.0.1:5432/holdem' },
});
