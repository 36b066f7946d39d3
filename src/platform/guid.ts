/** A GUID, as Entra object ids, tenant ids and Teams app ids are written (either letter case). */
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
