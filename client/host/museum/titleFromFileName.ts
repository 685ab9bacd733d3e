/** "bronze_ding-v2.glb" → "bronze ding v2": a first title the host edits later. */
export function titleFromFileName(name: string): string {
  const base = name.replace(/\.(glb|gltf)$/i, '').replace(/[_\-.]+/g, ' ').replace(/\s+/g, ' ').trim();
  return (base || 'Exhibit').slice(0, 120);
}
