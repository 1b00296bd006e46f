/** Helm chart checks (scripts/chart-test.sh): helm and kubernetes-validate, no cluster, no Kafka. */
module.exports = {
  rootDir: '../..',
  testRegex: 'test/chart/.*\\.spec\\.ts$',
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  testEnvironment: 'node',
  testTimeout: 60000,
};
