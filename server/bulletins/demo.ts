export async function seedBulletinsDemo() {}
