/** End-to-end specs: the real app against the real Kafka broker started by scripts/test.sh. */
module.exports = {
  rootDir: '..',
  // Only test/: the caches under the root (.cache/go holds modules with .snap files) are not ours.
  roots: ['<rootDir>/test'],
  testRegex: 'test/.*\\.e2e-spec\\.ts$',
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  testEnvironment: 'node',
  testTimeout: 120000,
};
