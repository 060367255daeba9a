package dev.patchbay.engine.connections;

import dev.patchbay.engine.auth.OperatorApps;
import dev.patchbay.engine.definitions.AuthTypeDefinition;
import dev.patchbay.engine.definitions.ConnectorDefinition;
import dev.patchbay.engine.secrets.Secret;
import java.util.List;

/**
 * A connection checked and ready to be authorized: new (not yet stored), or an existing one being authorized again.
 *
 * @param connection the connection as it will be stored, before tokens, scopes and identity are known
 * @param client the OAuth client the grant uses (the operator's app or the user's own)
 * @param clientSecret the user's own client secret, stored with the connection; null for the operator's app
 * @param baseUrlOverride the base URL the user asked for, which wins over the provider's regional one; or null
 * @param existing the stored connection being authorized again, or null for a new one
 * @param pasted the credential's token answer for an auth type whose secret the user pastes; null for OAuth
 * @param scopes what the sign-in asks for (empty: none, for auth types that ask for none)
 */
record ConnectionDraft(ConnectorDefinition definition, AuthTypeDefinition authType, Connection connection,
    OperatorApps.App client, Secret clientSecret, String baseUrlOverride, StoredConnection existing,
    dev.patchbay.engine.auth.TokenResponse pasted, List<String> scopes) {}
