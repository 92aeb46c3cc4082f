export { Open311Service, SPECIFICATION, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Attribute, type ServiceRequest } from './open311-service';
export { handleOpen311 } from './open311-http';
export { toXml, open311Response, open311Errors, type Format } from './open311-format';
