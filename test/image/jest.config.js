/** Container image checks (scripts/image-test.sh): the image built by buildah, a real broker. */
module.exports = {
  rootDir: '../..',
  // Only this folder: the caches under the root (.cache/go holds modules with .snap files) are not ours.
  roots: ['<rootDir>/test/image'],
  testRegex: 'test/image/.*\\.spec\\.ts$',
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  testEnvironment: 'node',
  testTimeout: 120000,
};
