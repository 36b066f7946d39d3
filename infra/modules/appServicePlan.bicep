// Linux App Service plan. A Premium v3 SKU so the app can run on several instances at once
// (shared state lives in Table Storage with ETags; scheduled work is claimed through a lease).
param name string
param location string
param tags object = {}

@description('A SKU that can scale out, e.g. P0v3, P1v3, P2v3 (or S1 for a cheaper test plan).')
param skuName string = 'P0v3'

@description('Number of instances (workers).')
@minValue(1)
@maxValue(30)
param capacity int = 2

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: skuName
    capacity: capacity
  }
  properties: {
    reserved: true
  }
}

output id string = plan.id
output name string = plan.name
