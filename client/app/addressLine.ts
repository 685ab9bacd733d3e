/** The address with its city, the city said once: most addresses already end with it. */
export function addressLine(p: { address: string; city: string }): string {
  const address = p.address.trim();
  const city = p.city.trim();
  if (!city) return address;
  if (!address) return city;
  return address.toLowerCase().includes(city.toLowerCase()) ? address : `${address}, ${city}`;
}
