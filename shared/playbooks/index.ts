export * from './catalogue';
export * from './errors';
export * from './execution';
export * from './report';
export * from './triggers';
