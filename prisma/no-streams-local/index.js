// `prisma dev` is not used by this project: see package.json.
throw new Error('@prisma/streams-local is not installed here: this project does not use `prisma dev`');
