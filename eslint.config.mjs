import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

/**
 * Dependencies point one way (README, "Code map"): leaves import no feature, a feature uses another
 * feature only through the registry's public surface (src/registry/index.ts), and the client entry
 * loads no part of the server.
 */
const folder = (name) => [`**/${name}`, `**/${name}/**`];
const FEATURES = ['registry', 'discovery', 'api', 'health', 'status'];
const ENTRIES = ['client', 'cli', 'app.module', 'app.factory', 'main', 'start'];
const SERVER_PACKAGES = [
  '@nestjs/core',
  '@nestjs/microservices',
  '@nestjs/microservices/**',
  '@nestjs/platform-express',
  '@nestjs/swagger',
  '@nestjs/terminus',
  'express',
  'prom-client',
];
const restrict = (groups, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: groups, message }] }],
});

export default tseslint.config(
  { ignores: ['dist/', 'dist-bench/', 'node_modules/', '.cache/', '.kafka/', '.tools/', 'coverage/', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/{config,kafka,telemetry,resilience,auth,logging}/**/*.ts'],
    rules: restrict(
      [...FEATURES, ...ENTRIES].flatMap(folder),
      'a leaf (config, kafka, telemetry, resilience, auth, logging) imports no feature or entry point',
    ),
  },
  {
    files: ['src/target/**/*.ts'],
    rules: restrict(
      [...FEATURES, ...ENTRIES, 'config', 'kafka', 'telemetry', 'auth'].flatMap(folder).concat(SERVER_PACKAGES),
      'target/ is the shared vocabulary: pure rules and types, loaded by the client too',
    ),
  },
  ...FEATURES.map((feature) => ({
    files: [`src/${feature}/**/*.ts`],
    rules: restrict(
      [
        ...FEATURES.filter((f) => f !== feature && f !== 'registry')
          .filter((f) => !(feature === 'status' && f === 'discovery'))
          .flatMap(folder),
        ...(feature === 'registry' ? [] : ['**/registry/*']),
        // status explains the SD endpoint's shards with its (pure) rendezvous hashing, nothing else of it.
        ...(feature === 'status' ? ['**/discovery/*', '!**/discovery/rendezvous'] : []),
        ...ENTRIES.flatMap(folder),
      ],
      'a feature uses leaves and the registry through src/registry/index.ts, never another feature\'s files',
    ),
  })),
  {
    files: ['src/client/**/*.ts'],
    rules: restrict(
      [...FEATURES, 'cli', 'app.module', 'app.factory', 'main', 'start', 'config', 'kafka', 'telemetry', 'auth']
        .flatMap(folder)
        .concat(SERVER_PACKAGES),
      'the client entry (metrics-registry/client) must not load the server',
    ),
  },
);
