/** A configuration that cannot be used: the message says which source and what is wrong. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** A refused `EMULATOR_DEV_ENDPOINTS` (a name of its own, as the dev endpoints' guard has always thrown). */
export class DevEndpointsSettingError extends ConfigError {
  override name = "DevEndpointsSettingError";
}

/** A refused `EMULATOR_INSPECTOR` or `EMULATOR_INSPECTOR_MAX_CHATS` (the request inspector's own name). */
export class InspectorSettingsError extends ConfigError {
  override name = "InspectorSettingsError";
}
