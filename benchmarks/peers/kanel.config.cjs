// Kanel 4 reads its settings from a file, so the benchmark passes the database and the output
// directory through the environment. No schemaNames: kanel then reads every schema, like rrgen
// and kysely-codegen do.
const { makePgTsGenerator } = require('kanel');

const connection = process.env.RR_PEER_DATABASE_URL;
const outputPath = process.env.RR_PEER_OUT;
if (!connection || !outputPath) throw new Error('kanel.config.cjs: set RR_PEER_DATABASE_URL and RR_PEER_OUT');

module.exports = {
  connection,
  outputPath,
  preDeleteOutputFolder: true,
  generators: [makePgTsGenerator()],
};
