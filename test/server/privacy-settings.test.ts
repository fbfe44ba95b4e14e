import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readAccessFor } from '../../server/config/privacy.ts';
import { ConfigError, optionsFromEnv, resolveOptions } from '../../server/config.ts';

/** Issue 19's settings as the environment gives them: defaults, values, and typos that stop the start. */
describe('privacy settings from the environment', () => {
  const silent = { info() {}, warn() {}, error() {} };

  test('unset: reads need sign-in with proxy and oidc, not with dev and none; the rest as documented', () => {
    assert.equal(readAccessFor({ auth: 'proxy' }), 'signed-in');
    assert.equal(readAccessFor({ auth: 'oidc' }), 'signed-in');
    assert.equal(readAccessFor({ auth: 'dev' }), 'public');
    assert.equal(readAccessFor({ auth: 'none' }), 'public');
    assert.equal(readAccessFor({ auth: 'proxy', readAccess: 'public' }), 'public');
    const options = resolveOptions(optionsFromEnv({}), silent);
    assert.deepEqual(options.profileFields, ['role', 'department', 'location', 'avatar', 'manager']);
    assert.equal(options.whoReacted, 'signed-in');
    assert.equal(options.personalFeed, 'writing');
    assert.equal(options.followersVisible, 'self');
  });

  test('set: each variable reaches its option; `name` may be listed, case does not matter', () => {
    const options = optionsFromEnv({
      PLAZA_READ_ACCESS: 'signed-in',
      PLAZA_PROFILE_FIELDS: 'name, Email,phone',
      PLAZA_WHO_REACTED: 'counts',
      PLAZA_PERSONAL_FEED: 'all',
      PLAZA_FOLLOWERS_VISIBLE: 'all',
    });
    assert.equal(options.readAccess, 'signed-in');
    assert.deepEqual(options.profileFields, ['email', 'phone']);
    assert.equal(options.whoReacted, 'counts');
    assert.equal(options.personalFeed, 'all');
    assert.equal(options.followersVisible, 'all');
  });

  test('a typo stops the start with a message naming the variable', () => {
    assert.throws(() => optionsFromEnv({ PLAZA_PROFILE_FIELDS: 'role,mail' }), (error) => error instanceof ConfigError && /PLAZA_PROFILE_FIELDS .*"mail"/.test(error.message));
    assert.throws(() => optionsFromEnv({ PLAZA_READ_ACCESS: 'private' }), /PLAZA_READ_ACCESS must be one of signed-in, public/);
    assert.throws(() => optionsFromEnv({ PLAZA_WHO_REACTED: 'nobody' }), /PLAZA_WHO_REACTED/);
  });
});
