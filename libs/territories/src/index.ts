export * from './geography';
export * from './national-value';
export * from './scope';
export * from './map/shapes';
export * from './map/classes';
export * from './map/choropleth';
export * from './map/view';
