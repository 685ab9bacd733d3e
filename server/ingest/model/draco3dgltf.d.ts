// draco3dgltf ships no types; the toolkit only needs the two module factories.
declare module 'draco3dgltf' {
  const draco3d: { createDecoderModule(options?: object): Promise<unknown>; createEncoderModule(options?: object): Promise<unknown> };
  export default draco3d;
}
