/** Helm chart checks (scripts/chart-test.sh): helm and kubernetes-validate, no cluster, no Kafka. */
module.exports = {
  rootDir: '../..',
  // Only this folder: the caches under the root (.cache/go holds modules with .snap files) are not ours.
  roots: ['<rootDir>/test/chart'],
  testRegex: 'test/chart/.*\\.spec\\.ts$',
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  testEnvironment: 'node',
  testTimeout: 60000,
};
