// The access model: pure, no I/O, shared by the server and the browser.
export * from './scopes';
export * from './validate';
export * from './resolve';
export * from './applying-entries';
export * from './diff';
export * from './matrix';
export * from './merge';
export * from './policy';
export * from './organization';
