/**
 * "The key's user has a username matching `:q`" (alias `l`), as the license lists search it. The
 * usernames are matched once, by the trigram index of app_users.username, into an array the
 * licenses' user_id index looks up: so it can be ORed with the trigram searches of the license's
 * own columns into one bitmap scan. (A join to app_users ORed with those would read every key.)
 */
export const KEY_USER_MATCHES = 'l.user_id = ANY (ARRAY(SELECT su.id FROM app_users su WHERE su.username ILIKE :q))';
