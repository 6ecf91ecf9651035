namespace NodeMonitor.Core.Reporting.Central;

/// <summary>The rows of the central reporting settings in <see cref="Configuration.ConfigDocumentation.Keys"/>.</summary>
internal static class CentralConfigDocumentation
{
    public static IReadOnlyList<(string Key, string Env, string Default, string Meaning)> Rows { get; } =
    [
        ("etcd.endpoints", "NODEMONITOR_ETCD_ENDPOINTS", "none (etcd off)", "etcd client URLs, e.g. [\"http://10.0.0.1:2379\"] (environment: comma-separated). Setting it turns failure records on."),
        ("etcd.prefix", "NODEMONITOR_ETCD_PREFIX", EtcdSettings.DefaultPrefix, "Key prefix; the node writes `<prefix>failures/<node>` and `<prefix>nodes/<node>`."),
        ("etcd.username", "NODEMONITOR_ETCD_USERNAME", "none", "etcd user (with password); the role needs write access to `<prefix>failures/<node>` and `<prefix>nodes/<node>` only."),
        ("etcd.password", "NODEMONITOR_ETCD_PASSWORD", "none", "Secret. etcd password; never logged."),
        ("etcd.caFile", "NODEMONITOR_ETCD_CA_FILE", "none", "PEM CA that signed the etcd server certificate (TLS)."),
        ("etcd.certFile", "NODEMONITOR_ETCD_CERT_FILE", "none", "PEM client certificate (TLS client auth)."),
        ("etcd.keyFile", "NODEMONITOR_ETCD_KEY_FILE", "none", "PEM key of the client certificate."),
        ("etcd.deadlineSeconds", "NODEMONITOR_ETCD_DEADLINE_SECONDS", "5", "Longest wait for one etcd call (seconds, > 0)."),
        ("swift.authUrl", "NODEMONITOR_SWIFT_AUTH_URL", "none (Swift off)", "v1 auth URL (tempauth), e.g. http://swift:8080/auth/v1.0, or the Keystone v3 URL, e.g. https://keystone:5000/v3. Setting it turns failure bundles on."),
        ("swift.authVersion", "NODEMONITOR_SWIFT_AUTH_VERSION", "3 if authUrl ends in /v3, else 1", "1 = Swift tempauth (user + key); 3 = Keystone v3 (password or application credential; the storage URL comes from the catalog)."),
        ("swift.user", "NODEMONITOR_SWIFT_USER", "none", "v1: Swift user, e.g. account:user. v3: user name (with userDomain or userDomainId), or the owner of applicationCredentialName."),
        ("swift.key", "NODEMONITOR_SWIFT_KEY", "none", "Secret. v1: Swift key. v3: the user's password. Never logged."),
        ("swift.userId", "NODEMONITOR_SWIFT_USER_ID", "none", "v3: user id, instead of user + userDomain."),
        ("swift.userDomain", "NODEMONITOR_SWIFT_USER_DOMAIN", "none", "v3: domain name of user, e.g. Default (or userDomainId)."),
        ("swift.userDomainId", "NODEMONITOR_SWIFT_USER_DOMAIN_ID", "none", "v3: domain id of user, e.g. default."),
        ("swift.project", "NODEMONITOR_SWIFT_PROJECT", "none", "v3 password: project name the token is scoped to (its Swift account), with projectDomain or projectDomainId."),
        ("swift.projectId", "NODEMONITOR_SWIFT_PROJECT_ID", "none", "v3 password: project id, instead of project + projectDomain."),
        ("swift.projectDomain", "NODEMONITOR_SWIFT_PROJECT_DOMAIN", "none", "v3: domain name of project."),
        ("swift.projectDomainId", "NODEMONITOR_SWIFT_PROJECT_DOMAIN_ID", "none", "v3: domain id of project."),
        ("swift.applicationCredentialId", "NODEMONITOR_SWIFT_APPLICATION_CREDENTIAL_ID", "none", "v3: application credential id (with applicationCredentialSecret; no password, no project: the credential carries its scope)."),
        ("swift.applicationCredentialName", "NODEMONITOR_SWIFT_APPLICATION_CREDENTIAL_NAME", "none", "v3: application credential name, instead of the id; needs user + userDomain or userId."),
        ("swift.applicationCredentialSecret", "NODEMONITOR_SWIFT_APPLICATION_CREDENTIAL_SECRET", "none", "Secret. v3: application credential secret; never logged."),
        ("swift.region", "NODEMONITOR_SWIFT_REGION", "the only region", "v3: catalog region (region_id) of the object-store endpoint; required when several regions offer one."),
        ("swift.interface", "NODEMONITOR_SWIFT_INTERFACE", "public", "v3: catalog endpoint interface: public, internal or admin."),
        ("swift.container", "NODEMONITOR_SWIFT_CONTAINER", SwiftSettings.DefaultContainer, "Container for bundles and synced results."),
        ("swift.tempUrlKey", "NODEMONITOR_SWIFT_TEMP_URL_KEY", "none (no TempURL)", "Secret. Container Temp-URL key used to sign the links in failure records (HMAC-SHA256); set on the container (one PUT) before the first failure bundle of each process."),
        ("swift.tempUrlSeconds", "NODEMONITOR_SWIFT_TEMP_URL_SECONDS", "604800", "Lifetime of a TempURL (seconds, > 0)."),
        ("swift.deleteAfterDays", "NODEMONITOR_SWIFT_DELETE_AFTER_DAYS", "30", "Uploaded objects expire after this (X-Delete-After; days, > 0)."),
        ("swift.deadlineSeconds", "NODEMONITOR_SWIFT_DEADLINE_SECONDS", "5", "Longest wait for one Swift request (seconds, > 0)."),
        ("report.budgetSeconds", "NODEMONITOR_REPORT_BUDGET_SECONDS", "20", "All central calls of one run together stay within this; the rest stays spooled (seconds, > 0)."),
        ("report.refreshMinutes", "NODEMONITOR_REPORT_REFRESH_MINUTES", "60", "An unchanged failure is re-uploaded with a fresh link after this (minutes, > 0)."),
        ("report.syncHours", "NODEMONITOR_REPORT_SYNC_HOURS", "6", "Interval of the automatic sync of passing results (hours, > 0; `nodemonitor sync` uploads at any time)."),
        ("report.heartbeatMinutes", "NODEMONITOR_REPORT_HEARTBEAT_MINUTES", "10", "Heartbeat interval: `<prefix>nodes/<node>` on a lease of 3x this, 0 = off (minutes)."),
        ("report.runIntervalSeconds", "NODEMONITOR_REPORT_RUN_INTERVAL_SECONDS", "60", "How often the node's timer runs `nodemonitor run`; the aggregator election (cluster plugins) lasts 3x this without renewal (seconds, >= 1)."),
    ];
}
