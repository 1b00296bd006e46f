/** Container image checks (scripts/image-test.sh): the image built by buildah, a real broker. */
module.exports = {
  rootDir: '../..',
  testRegex: 'test/image/.*\\.spec\\.ts$',
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  testEnvironment: 'node',
  testTimeout: 120000,
};
